export { classifyAddress, isLocalName, parseAddress } from "./address";
export { EGRESS_MAX_BYTES, EGRESS_TIMEOUT_MS, egressFetch } from "./fetch";
export { EgressBlocked, EgressFailed, type Resolver, vetTarget } from "./target";
