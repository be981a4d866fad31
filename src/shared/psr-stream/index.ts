// The PSR stream protocol (SPEC §2–4): messages, the frame reader, the builders, the one base64
// rule and the bad-frame codes. Pure: no Node, no DOM. See README.md.
export * from './messages';
export * from './errors';
export { PayloadScratch, base64DecodedLength, base64EncodedLength, decodeBase64, decodeBase64Into, encodeBase64 } from './base64';
export { MediaFrameMemo } from './media-memo';
export { readPsrFrame, readActionFrame, isChannelLayout, deeperThan, DEFAULT_MAX_DEPTH, type ReaderOptions } from './reader';
export {
  connectedMessage,
  closedMessage,
  mediaMessage,
  frameText,
  MediaFrameWriter,
  mediaAction,
  chunkAction,
  transferAction,
  hangupAction,
  type PsrFrameFields,
} from './builders';
export { messageForLog, elidePayloadInText, elidePayloadAt, describeAction, TOO_DEEP_FOR_LOG } from './log-text';
export { actionTemplate, actionTemplateNames, type ActionTemplateName } from './templates';
