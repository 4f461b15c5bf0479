import { defaultIo, runCli } from './cli';

// `npm run appraisal -- …` runs from the package folder; INIT_CWD keeps relative paths relative to
// where the command was typed.
runCli(process.argv.slice(2), defaultIo()).then((code) => {
  process.exitCode = code;
});
