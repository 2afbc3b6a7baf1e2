// Finds user-facing text written into renderer components instead of the catalogs: JSX text, and
// string literals (plain, template, or inside a condition) given as a JSX child or to an attribute
// a person reads or hears (title, aria-label, placeholder, and our components' label-like props).
// Read with the TypeScript compiler's parser: no lint toolchain needed (docs/decisions.md).
import ts from 'typescript';

/** Attributes of HTML elements that people read or hear. */
const HTML_TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label']);
/** Props of our components that end up as text. */
const COMPONENT_TEXT_PROPS = new Set([...HTML_TEXT_ATTRIBUTES, 'heading', 'what', 'why', 'hint', 'unavailable', 'confirmLabel', 'filterLabel', 'text', 'name', 'empty']);

export interface LiteralString {
  file: string;
  line: number;
  text: string;
}

const LETTER = /\p{L}/u;

/**
 * @param isMessageId a literal that names a catalog message (`title="nav.messages"`) is not text.
 */
export function findLiteralStrings(file: string, source: string, isMessageId: (s: string) => boolean): LiteralString[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: LiteralString[] = [];
  const report = (node: ts.Node, text: string): void => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (!LETTER.test(t) || isMessageId(t)) return;
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: t });
  };

  // The strings an expression can evaluate to, without entering calls, functions or JSX.
  const walkExpression = (e: ts.Expression): void => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) report(e, e.text);
    else if (ts.isTemplateExpression(e)) report(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isParenthesizedExpression(e)) walkExpression(e.expression);
    else if (ts.isConditionalExpression(e)) {
      walkExpression(e.whenTrue);
      walkExpression(e.whenFalse);
    } else if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) walkExpression(e.right);
      else if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken) {
        walkExpression(e.left);
        walkExpression(e.right);
      }
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) walkExpression(node.expression);
    else if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText(sf);
      const tag = node.parent.parent.tagName.getText(sf);
      const intrinsic = /^[a-z]/.test(tag);
      if ((intrinsic ? HTML_TEXT_ATTRIBUTES : COMPONENT_TEXT_PROPS).has(name)) {
        const init = node.initializer;
        if (ts.isStringLiteral(init)) report(init, init.text);
        else if (ts.isJsxExpression(init) && init.expression) walkExpression(init.expression);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
