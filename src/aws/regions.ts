/**
 * @module AWS regions gatehouse knows: where IAM Identity Center can live (probed when the config
 * names no region) and the commercial partition's region names (to tell a typo from an outage).
 */

/**
 * Every commercial-partition region with an IAM Identity Center (`sso`) endpoint, from botocore
 * 1.43's endpoints.json (the same list as the AWS "IAM Identity Center endpoints" page). Opt-in
 * regions that an account has not enabled answer with UnrecognizedClientException; the probe
 * treats that as "no instance here".
 */
export const IDENTITY_CENTER_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
];

const KNOWN = new Set(IDENTITY_CENTER_REGIONS);

/** Whether `region` is a region of the commercial partition (Identity Center exists in all of them). */
export function isKnownRegion(region: string): boolean {
  return KNOWN.has(region);
}

/** The global services are called in us-east-1 (aws-api.md §1.1). */
export const GLOBAL_REGION = 'us-east-1';
