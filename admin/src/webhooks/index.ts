/**
 * 事件推送 (webhooks), owners only: the endpoints, a new one, and one endpoint with its deliveries; each page
 * loaded when first opened (the console's first load stays small).
 */
import { lazyNamed } from "../common/lazyNamed";

export const WebhookListPage = lazyNamed(() => import("./WebhookListPage"), "WebhookListPage");
export const WebhookCreatePage = lazyNamed(() => import("./WebhookCreatePage"), "WebhookCreatePage");
export const WebhookEndpointPage = lazyNamed(() => import("./WebhookEndpointPage"), "WebhookEndpointPage");
