import { join, resolve } from 'node:path';
import { build } from 'vite';

/** Builds the window once for every browser test (a few seconds), as the app ships it: production. */
export default async function setup(): Promise<void> {
  const root = resolve(import.meta.dirname, '..', '..');
  // vitest sets NODE_ENV=test, which would give React's development build
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(root, 'renderer', 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = env;
  }
}
