/** Where the status line is drawn: a terminal stream (stderr). */
export interface StatusStream {
  write(text: string): unknown;
  /** Width of the terminal; the line is cut to fit. Default 80. */
  columns?: number | undefined;
}

/** A status line kept at the bottom of a terminal, below the log lines. */
export interface TerminalStatus {
  /** Writes a log line above the status line. */
  writeLine(line: string): void;
  /** Sets (or with `undefined` removes) one entry of the status line, e.g. one running simulation. */
  set(key: string, text: string | undefined): void;
}

const clearLine = '\r\u001b[2K';

/**
 * Redraws one line with the running simulations on a terminal (`\r` and erase-line), and moves it
 * below each log line written through `writeLine`, so logs and live progress do not overwrite each other.
 */
export function createTerminalStatus(stream: StatusStream): TerminalStatus {
  const entries = new Map<string, string>();
  const render = () => {
    const text = [...entries.values()].join(' | ');
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
  };
  return {
    writeLine(line) {
      stream.write(entries.size === 0 ? `${line}\n` : `${clearLine}${line}\n${render()}`);
    },
    set(key, text) {
      const shown = entries.size > 0;
      if (text === undefined) entries.delete(key);
      else entries.set(key, text);
      if (entries.size > 0) stream.write(`${clearLine}${render()}`);
      else if (shown) stream.write(clearLine);
    },
  };
}
