export {
  FETCH_LIMITS,
  FetchError,
  type FetchedPage,
  type FetchLimits,
  fetchPage,
  PAGE_CONTENT_TYPES,
  USER_AGENT,
} from "./page";
export { fetchRobots, parseRobots, type Robots, robotsAllow } from "./robots";
export { discoverSitemapUrls, parseSitemap, SITEMAP_MAX_PAGES, type SitemapResult } from "./sitemap";
