import { ConfigError, loadConfig, type Config } from '../platform/config/config.ts';

/** Loads configuration for a command-line tool; a bad value ends it with one line, exit 1. */
export function loadCliConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`EHİS: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export function failCli(message: string): never {
  process.stderr.write(`EHİS: ${message}\n`);
  process.exit(1);
}
