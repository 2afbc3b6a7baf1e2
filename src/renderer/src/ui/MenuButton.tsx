// A menu button (WAI-ARIA menu button pattern): the button opens a role="menu" list of
// role="menuitem" buttons. Keyboard: Enter, Space or ArrowDown open it on the first item, ArrowUp on
// the last; arrows, Home and End move; Escape closes it and returns focus to the button; Tab closes
// it. The list is a popover in the top layer, so a table cell's overflow never clips it. Items that
// cannot run stay focusable with aria-disabled and say why in their description.
import { useCallback, useEffect, useId, useRef, useState, type JSX, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItemDef {
  key: string;
  /** The visible text. */
  text: ReactNode;
  /** The accessible name, e.g. "Pause broker 2". */
  name: string;
  /** What the item does (tooltip and description) when it can run. */
  hint?: string;
  /** Why it cannot run now; undefined when it can. */
  unavailable?: string;
  danger?: boolean;
  onSelect: () => void;
}

export interface MenuButtonProps {
  /** The button's visible text. */
  text: ReactNode;
  /** The button's accessible name, also the menu's. */
  name: string;
  items: readonly MenuItemDef[];
  className?: string;
}

const GAP = 2;

export function MenuButton({ text, name, items, className }: MenuButtonProps): JSX.Element {
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  const itemEls = (): HTMLElement[] => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  const place = useCallback(() => {
    const button = buttonRef.current;
    const menu = menuRef.current;
    if (!button || !menu) return;
    const r = button.getBoundingClientRect();
    const h = menu.offsetHeight;
    const w = menu.offsetWidth;
    const below = r.bottom + GAP + h <= window.innerHeight || r.top < h + GAP;
    menu.style.top = below ? `${r.bottom + GAP}px` : `${Math.max(0, r.top - GAP - h)}px`;
    menu.style.left = `${Math.max(4, Math.min(r.right - w, window.innerWidth - w - 4))}px`;
  }, []);

  const show = (focus: 'first' | 'last' | null): void => {
    const menu = menuRef.current;
    if (!menu) return;
    if (!menu.matches(':popover-open')) menu.showPopover();
    place();
    const els = itemEls();
    if (focus) (focus === 'first' ? els[0] : els[els.length - 1])?.focus();
  };

  const hide = (returnFocus: boolean): void => {
    const menu = menuRef.current;
    if (menu?.matches(':popover-open')) menu.hidePopover();
    if (returnFocus) buttonRef.current?.focus();
  };

  // The popover closes itself on Escape and on a click outside ("light dismiss"); the state follows.
  useEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const onToggle = (e: Event): void => {
      const opened = (e as ToggleEvent).newState === 'open';
      setOpen(opened);
      if (!opened && menu.contains(document.activeElement)) buttonRef.current?.focus();
    };
    menu.addEventListener('toggle', onToggle);
    return () => menu.removeEventListener('toggle', onToggle);
  }, []);

  // The menu stays beside its button while the page or a table scrolls, or the window resizes.
  useEffect(() => {
    if (!open) return;
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open, place]);

  const onButtonKey = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      show('first');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      show('last');
    }
  };

  const onMenuKey = (e: KeyboardEvent): void => {
    const els = itemEls();
    const i = els.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => {
      e.preventDefault();
      els[(to + els.length) % els.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(els.length - 1);
    else if (e.key === 'Tab') hide(false);
    else if (e.key === 'Escape') {
      e.preventDefault();
      hide(true);
    }
  };

  const select = (item: MenuItemDef): void => {
    if (item.unavailable !== undefined) return;
    // Focus goes back to the button first, so a dialog the item opens returns focus there.
    hide(true);
    item.onSelect();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={`btn menu-button${className ? ` ${className}` : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={name}
        onClick={() => (open ? hide(false) : show(null))}
        onKeyDown={onButtonKey}
      >
        {text}
        <span className="menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div ref={menuRef} id={menuId} role="menu" aria-label={name} popover="auto" className="menu" onKeyDown={onMenuKey}>
        {items.map((item) => (
          <button
            key={item.key}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={`menu-item${item.danger ? ' menu-item-danger' : ''}`}
            aria-label={item.name}
            aria-disabled={item.unavailable !== undefined || undefined}
            title={item.unavailable ?? item.hint}
            onClick={() => select(item)}
          >
            {item.text}
          </button>
        ))}
      </div>
    </>
  );
}
