import { execFile } from 'node:child_process';

// A fresh process per lookup, so no resolver cache of this process hides a DNS outage (as in the Python tool).
const script =
  "require('node:dns').lookup(process.argv[1], { family: 4 }, (error, address) => {" +
  ' if (error) { process.stderr.write(error.code || error.message); process.exit(1); }' +
  ' process.stdout.write(address); });';

const ipv4 = /^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/;

/** Resolves `name` to its first IPv4 address in a child process; rejects with the resolver's error. */
export function resolveInChildProcess(name: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, name], { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`Resolving ${name} failed: ${stderr.trim() || error.message}`));
        return;
      }
      const address = stdout.trim();
      if (!ipv4.test(address)) {
        reject(new Error(`Resolving ${name} gave ${address}, which is no IPv4 address`));
        return;
      }
      resolve(address);
    });
  });
}
