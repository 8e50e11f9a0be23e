/* `s3://bucket/prefix/` is read in the contract, where the window's "Save to S3" validates it as typed. */
export { isS3Url, S3Url, type S3Location } from '../../src-preload/contract/s3-save';
