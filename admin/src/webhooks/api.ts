/**
 * Webhooks (事件推送, owners only): the endpoints, their deliveries and the event catalogue, read with
 * react-query under the "webhooks" key; every change invalidates the whole key, so each screen reads afresh.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNotify } from "react-admin";
import { refusal } from "../dataProvider/errors";
import { useRequest, type GraphqlRequest } from "../dataProvider/useRequest";
import type { WebhookDeliveryRowFragment, WebhookEndpointFieldsFragment } from "../generated/graphql";
import {
  WEBHOOK_DELIVERIES,
  WEBHOOK_DELIVERY,
  WEBHOOK_ENDPOINT,
  WEBHOOK_ENDPOINTS,
  WEBHOOK_EVENT_TYPES,
} from "./documents";

export type WebhookEndpoint = WebhookEndpointFieldsFragment;
export type WebhookDeliveryRow = WebhookDeliveryRowFragment;

const KEY = "webhooks";
/** Deliveries per page. */
const PAGE = 20;
/** While a delivery waits for a retry its row is read again this often. */
const PENDING_REFRESH_MS = 15_000;

export function useWebhookEndpoints() {
  const request = useRequest();
  return useQuery({
    queryKey: [KEY, "endpoints"],
    queryFn: async () => (await request(WEBHOOK_ENDPOINTS)).webhookEndpoints,
  });
}

export function useWebhookEndpoint(id: string) {
  const request = useRequest();
  return useQuery({
    queryKey: [KEY, "endpoint", id],
    queryFn: async () => (await request(WEBHOOK_ENDPOINT, { id })).webhookEndpoint,
  });
}

/** The event types an endpoint can subscribe to; the catalogue changes only with a release. */
export function useWebhookEventTypes() {
  const request = useRequest();
  return useQuery({
    queryKey: [KEY, "eventTypes"],
    queryFn: async () => (await request(WEBHOOK_EVENT_TYPES)).webhookEventTypes,
    staleTime: Infinity,
  });
}

/** An endpoint's deliveries, newest first, a page at a time; read again while any is pending. */
export function useWebhookDeliveries(id: string) {
  const request = useRequest();
  return useInfiniteQuery({
    queryKey: [KEY, "deliveries", id],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await request(WEBHOOK_DELIVERIES, { id, first: PAGE, after: pageParam })).webhookEndpoint.deliveries,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.nodes.some((delivery) => delivery.status === "pending"))
        ? PENDING_REFRESH_MS
        : false,
  });
}

/** One delivery with every attempt's answer and the payload, read when its row is opened. */
export function useWebhookDelivery(id: string) {
  const request = useRequest();
  return useQuery({
    queryKey: [KEY, "delivery", id],
    queryFn: async () => (await request(WEBHOOK_DELIVERY, { id })).webhookDelivery,
  });
}

/** The API names an input field (url, input.eventTypes.2); the form's field is its first part after input. */
export const formField = (field: string) => field.replace(/^input\./, "").split(".")[0];

/**
 * A webhook change: send it, tell the owner (`success`, a translation key with its arguments), and read every
 * webhook screen afresh; a refusal is notified and comes back as the form's errors by field.
 */
export function useWebhookChange() {
  const request = useRequest();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return async <T>(
    send: (request: GraphqlRequest) => Promise<T>,
    success?: (result: T) => [string, Record<string, unknown>?],
  ): Promise<{ result?: T; errors?: Record<string, string> }> => {
    try {
      const result = await send(request);
      const [message, messageArgs] = success?.(result) ?? [];
      if (message) notify(message, { type: "success", messageArgs });
      // Everything but the event catalogue, which no change touches.
      await queryClient.invalidateQueries({
        queryKey: [KEY],
        predicate: (query) => query.queryKey[1] !== "eventTypes",
      });
      return { result };
    } catch (error) {
      return { errors: refusal(error, notify, formField) ?? {} };
    }
  };
}

/** Forget every webhook read (after a delete, the endpoint's queries would only answer "not found"). */
export function useForgetEndpoint() {
  const queryClient = useQueryClient();
  return (id: string) => {
    queryClient.removeQueries({ queryKey: [KEY, "endpoint", id] });
    queryClient.removeQueries({ queryKey: [KEY, "deliveries", id] });
    void queryClient.invalidateQueries({ queryKey: [KEY, "endpoints"] });
  };
}
