/** A file vite emits beside the bundle, imported as its URL (`…?url`). */
declare module '*?url' {
  const url: string;
  export default url;
}

/** A file's text, bundled in (`…?inline`): the report page's style sheet. */
declare module '*?inline' {
  const text: string;
  export default text;
}
