/**
 * An endpoint's address, description and event types, as the create and edit forms share them. The types are
 * the API's catalogue (webhookEventTypes), each with what it means; none ticked means every event.
 */
import { Box, LinearProgress, Typography } from "@mui/material";
import { CheckboxGroupInput, maxLength, regex, required, TextInput, useRecordContext } from "react-admin";
import { useWebhookEventTypes } from "./api";
import { useEventTypeText } from "./WebhookChips";

const W = "resources.webhooks";
/** Sent only when asked for (sendTestWebhook), never to a subscription: not offered. */
const TEST_EVENT = "WebhookTest";

const validateUrl = [required(), maxLength(500), regex(/^https?:\/\/\S+$/i, `${W}.validation.url`)];
const validateDescription = [maxLength(100)];

/** The form's values: the inputs' names are the API's. */
export interface EndpointValues {
  url: string;
  description?: string | null;
  eventTypes?: string[];
}

/** What the API takes from the form: a description left empty is none. */
export const endpointInput = (values: EndpointValues) => ({
  url: values.url.trim(),
  description: values.description?.trim() || null,
  eventTypes: values.eventTypes ?? [],
});

/** One choice: the type's name, as the receiver sees it, over what it means. */
function EventTypeOption() {
  const choice = useRecordContext<{ id: string; description: string }>();
  const text = useEventTypeText();
  if (!choice) return null;
  return (
    <Box component="span" sx={{ display: "inline-flex", flexDirection: "column", py: 0.25 }}>
      <Box component="span" sx={{ fontFamily: "monospace", fontSize: 13 }}>
        {choice.id}
      </Box>
      <Typography component="span" variant="caption" color="text.secondary">
        {text(choice.id, choice.description)}
      </Typography>
    </Box>
  );
}

function EventTypesInput() {
  const types = useWebhookEventTypes();
  if (types.isPending) return <LinearProgress sx={{ my: 2 }} />;
  const choices = (types.data ?? [])
    .filter((type) => type.name !== TEST_EVENT)
    .map((type) => ({ id: type.name, description: type.description }));
  return (
    <CheckboxGroupInput
      source="eventTypes"
      label={`${W}.fields.eventTypes`}
      helperText={`${W}.hints.eventTypes`}
      choices={choices}
      optionText={<EventTypeOption />}
      row
      sx={{ "& .MuiFormGroup-root": { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))" } }}
      data-testid="webhook-event-types-input"
    />
  );
}

export function EndpointInputs() {
  return (
    <>
      <TextInput
        source="url"
        label={`${W}.fields.url`}
        helperText={`${W}.hints.url`}
        validate={validateUrl}
        fullWidth
        sx={{ maxWidth: 640 }}
      />
      <TextInput
        source="description"
        label={`${W}.fields.description`}
        helperText={`${W}.hints.description`}
        validate={validateDescription}
        fullWidth
        sx={{ maxWidth: 640 }}
      />
      <EventTypesInput />
    </>
  );
}
