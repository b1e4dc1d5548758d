/** The bundled examples, read from fixtures/ when the page is built (build.js). */
declare module 'playground:examples' {
  export const EXAMPLES: readonly { id: string; title: string; files: Readonly<Record<string, string>> }[];
}
