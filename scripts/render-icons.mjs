// Renders resources/icon.svg into the PNG icons the app and electron-builder use (committed files;
// rerun after changing the SVG): resources/icon.png (1024 px: macOS and Windows, which
// electron-builder turns into .icns and .ico) and resources/icons/NxN.png (the Linux set).
// resvg runs as WebAssembly: no native build, no download.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
const svg = readFileSync(join(root, 'resources', 'icon.svg'), 'utf8');

function render(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
mkdirSync(join(root, 'resources', 'icons'), { recursive: true });
writeFileSync(join(root, 'resources', 'icon.png'), render(1024));
for (const size of LINUX_SIZES) writeFileSync(join(root, 'resources', 'icons', `${size}x${size}.png`), render(size));
console.log(`rendered resources/icon.png and ${LINUX_SIZES.length} Linux sizes`);
