/** One member: profile, consent and the member card with its code, large enough to read out. */
import { Box, Card, CardContent, Typography } from "@mui/material";
import { Labeled, SelectField, Show, TextField, useTranslate } from "react-admin";
import { DateTimeField } from "../merchant/DateTimeField";
import { BirthdayField, channelChoices, ConsentField, genderChoices, MemberCodeField } from "./fields";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ flex: "1 1 320px" }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate(title)}
        </Typography>
        <Box sx={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(180px, 1fr))", gap: 2 }}>{children}</Box>
      </CardContent>
    </Card>
  );
}

function MemberCard() {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ flex: "1 1 320px" }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("resources.members.sections.card")}
        </Typography>
        <Labeled source="memberCode" resource="members">
          <MemberCodeField size="large" />
        </Labeled>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate("resources.members.card_hint")}
        </Typography>
      </CardContent>
    </Card>
  );
}

export function MemberShow() {
  return (
    <Show>
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, p: 2 }}>
        <Section title="resources.members.sections.profile">
          <Labeled source="name">
            <TextField source="name" />
          </Labeled>
          <Labeled source="phone">
            <TextField source="phone" />
          </Labeled>
          <Labeled source="gender">
            <SelectField source="gender" choices={genderChoices} />
          </Labeled>
          <Labeled source="birthday">
            <BirthdayField />
          </Labeled>
          <Labeled source="homeStore">
            <TextField source="homeStore.name" />
          </Labeled>
          <Labeled source="channel">
            <SelectField source="channel" choices={channelChoices} />
          </Labeled>
          <Labeled source="joinedAt">
            <DateTimeField source="joinedAt" />
          </Labeled>
        </Section>
        <MemberCard />
        <Section title="resources.members.sections.consent">
          <Labeled source="marketingSms">
            <ConsentField />
          </Labeled>
        </Section>
      </Box>
    </Show>
  );
}
