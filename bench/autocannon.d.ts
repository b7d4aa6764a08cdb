// The subset of autocannon 9's API the bench uses (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; p50: number; p99: number; total: number };
  type Result = {
    duration: number;
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    statusCodeStats?: Record<string, { count: number }>;
  };
  type Options = {
    url: string | string[];
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: Record<string, unknown>[];
  };
  export default function autocannon(opts: Options): Promise<Result>;
}
