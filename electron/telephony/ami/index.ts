// The AMI adapter's small API: what the app wires in (connectAmi), and the pure parts its tests and tools reuse.
export { connectAmi, type AmiConfig, type AmiConnection, type AmiStatus } from './client';
export { parseAmiUrl, type AmiTarget } from './amiUrl';
export { AmiNormaliser, type NormaliserConfig, type OpenCallSeed, type PbxSnapshot } from './normalise';
export { SHOWN_OFFSET_MS } from './clockOffset';
