/**
 * Split a command string the way Docker Compose does (go-shellwords): whitespace separates words,
 * single quotes are literal, double quotes allow `\"`, `\\`, `\$` and `` \` `` escapes, and a
 * backslash outside quotes escapes the next character. Returns undefined on an unclosed quote.
 */
export function splitShellWords(input: string): string[] | undefined {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else cur += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < input.length && '"\\$`'.includes(input[i + 1]!)) cur += input[++i];
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < input.length) {
      cur += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(cur);
  return words;
}
