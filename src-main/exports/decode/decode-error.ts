export { DecodeError } from '../../formats/decode-error';
