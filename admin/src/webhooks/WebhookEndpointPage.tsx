/**
 * One endpoint (owners): where it stands and what can be done with it (turn it on or off, send a test event,
 * roll its secret, delete it), its address, description and event types to change, and its deliveries.
 */
import ArrowBackIcon from "@mui/icons-material/ArrowBack";
import { Alert, Box, Card, CardContent, LinearProgress, Typography } from "@mui/material";
import { Button, Form, SaveButton, Title, Toolbar, useTranslate } from "react-admin";
import { Link, useParams } from "react-router-dom";
import { toApiError } from "../dataProvider/errors";
import { useWebhookChange, useWebhookEndpoint, type WebhookEndpoint } from "./api";
import { DeliveriesCard } from "./DeliveriesCard";
import { UPDATE_WEBHOOK_ENDPOINT } from "./documents";
import { EndpointInputs, endpointInput, type EndpointValues } from "./EndpointInputs";
import { EndpointSummary } from "./EndpointSummary";

const W = "resources.webhooks";

export function WebhookEndpointPage() {
  const { id = "" } = useParams<{ id: string }>();
  const endpoint = useWebhookEndpoint(id);
  return (
    <Box sx={{ mt: 2, display: "flex", flexDirection: "column", gap: 2 }} data-testid="webhook-page">
      <Title title={`${W}.name`} />
      <Box>
        <Button label={`${W}.back`} component={Link} to="/webhooks">
          <ArrowBackIcon />
        </Button>
      </Box>
      {endpoint.isPending && <LinearProgress />}
      {endpoint.error && <Alert severity="error">{toApiError(endpoint.error).message}</Alert>}
      {endpoint.data && (
        <>
          <EndpointSummary endpoint={endpoint.data} />
          <EndpointEditCard endpoint={endpoint.data} />
          <DeliveriesCard endpointId={endpoint.data.id} />
        </>
      )}
    </Box>
  );
}

/** The address, description and event types, saved with updateWebhookEndpoint. */
function EndpointEditCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const translate = useTranslate();
  const change = useWebhookChange();
  const save = async (values: Record<string, unknown>) =>
    (
      await change(
        (request) =>
          request(UPDATE_WEBHOOK_ENDPOINT, {
            id: endpoint.id,
            input: endpointInput(values as unknown as EndpointValues),
          }),
        () => [`${W}.saved`],
      )
    ).errors;
  return (
    <Card data-testid="webhook-edit">
      <CardContent>
        <Typography variant="h6" sx={{ mb: 1 }}>
          {translate(`${W}.edit_title`)}
        </Typography>
        <Form
          key={endpoint.updatedAt}
          record={{ url: endpoint.url, description: endpoint.description ?? "", eventTypes: endpoint.eventTypes }}
          onSubmit={save}
        >
          <EndpointInputs />
          <Toolbar>
            <SaveButton />
          </Toolbar>
        </Form>
      </CardContent>
    </Card>
  );
}
