// The dashboard's browser tests drive Debian's Chromium, with a CJK font so Chinese renders in
// their screenshots. Installs both when missing and this machine can (root with apt); otherwise
// says how, since the tests cannot run without them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.QUARRY_CHROMIUM ?? '/usr/bin/chromium';
const font = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
if (existsSync(path) && existsSync(font)) process.exit(0);

const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  process.stderr.write(
    `ensure-chromium: ${path} or a CJK font is missing. Install them (Debian: apt-get install chromium fonts-wqy-microhei) or set QUARRY_CHROMIUM.\n`,
  );
  process.exit(1);
}
const apt = (...args) =>
  execFileSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
const packages = ['chromium', 'fonts-wqy-microhei'];
process.stderr.write(`ensure-chromium: installing ${packages.join(', ')} for the browser tests\n`);
try {
  apt('install', '-y', '--no-install-recommends', ...packages);
} catch {
  apt('update');
  apt('install', '-y', '--no-install-recommends', ...packages);
}
