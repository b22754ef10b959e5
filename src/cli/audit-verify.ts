// npm run audit:verify — walks the audit chain, its checkpoints and signed head; exit 0 when
// intact, 2 when tampering is found, 1 when it cannot run.
import { startPlatform } from '../platform/platform.ts';
import { createLogger } from '../platform/logging/logger.ts';
import { failCli, loadCliConfig } from './cli-support.ts';

const config = loadCliConfig();
let exitCode = 0;
try {
  const platform = await startPlatform(config, { logger: createLogger('warn') });
  try {
    const started = Date.now();
    const result = await platform.audit.verify((checked) => {
      process.stderr.write(`\rchecked ${checked.toLocaleString('en')} entries…`);
    });
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stderr.write(
      result.ok
        ? `Audit log intact: ${result.entries} entries, ${result.checkpoints} checkpoints, in ${seconds.toFixed(1)} s.\n`
        : `AUDIT LOG TAMPERED: first bad entry ${result.firstBadSeq} (${result.reason}).\n`,
    );
    exitCode = result.ok ? 0 : 2;
  } finally {
    await platform.close();
  }
} catch (error) {
  failCli(
    `audit verification could not run: ${error instanceof Error ? error.message : String(error)}`,
  );
}
process.exit(exitCode);
