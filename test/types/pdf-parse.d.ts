// pdf-parse 1.x ships no types. Its entry point runs a self-test when imported as the main
// module, so tests import the library file directly.
declare module 'pdf-parse/lib/pdf-parse.js' {
  const parse: (data: Buffer) => Promise<{ text: string; numpages: number }>;
  export default parse;
}
