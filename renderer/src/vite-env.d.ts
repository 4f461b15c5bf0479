/** A file vite emits beside the bundle, imported as its URL (`…?url`). */
declare module '*?url' {
  const url: string;
  export default url;
}
