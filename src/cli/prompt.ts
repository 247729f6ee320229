import { createInterface } from 'node:readline/promises';

/** One question on the terminal; used only when both stdin and stdout are TTYs. */
export async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
