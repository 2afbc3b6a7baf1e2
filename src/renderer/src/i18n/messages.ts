// The two catalogs, one flat object of ICU messages each. English is the reference: its keys are
// the type of every message id, so a missing Korean key or an unknown id fails the typecheck, and
// test/i18n checks placeholders and Hangul. A new string goes into both files in the same commit.
import en from './en.json';
import ko from './ko.json';
import type { Locale } from './locale';

export type MessageId = keyof typeof en;
export type Catalog = Record<MessageId, string>;

export const CATALOGS: Record<Locale, Catalog> = { en, ko };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
