/**
 * Warm start as a user meets it: the real `npm start` in the project folder, with everything
 * already built and nothing changed (or one source file saved again), timed from the command to
 * the "Serving" line.
 *
 * @example
 *   const seconds = await warmStartSeconds(projectRoot);
 *   const afterEdit = await warmStartSeconds(projectRoot, { touch: 'src/cli/start-command.ts' });
 */
import { spawn, spawnSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';

export async function warmStartSeconds(root: string, { touch }: { touch?: string } = {}): Promise<number> {
  // Bring the default series and dist/ up to date first, so the timed start has nothing to do.
  const warmed = spawnSync(process.execPath, [join(root, 'bin/ninety.js'), 'build'], { cwd: root, stdio: 'ignore' });
  if (warmed.status !== 0) throw new Error('could not build the default series before timing npm start');
  spawnSync('npm', ['run', 'prestart', '--silent'], { cwd: root, stdio: 'ignore' });
  // A source file saved again (same text, new time) is one changed file to the start's compile step.
  if (touch) utimesSync(join(root, touch), new Date(), new Date());
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Serving ')) resolve((performance.now() - started) / 1000);
      });
      child.on('exit', (code) => reject(new Error(`npm start ended (${code}) before serving`)));
    });
  } finally {
    // npm starts node in its own process group with us: end the whole group.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
