/**
 * The worklist's four sections (members slipping away, birthdays, coupons
 * about to lapse, new members), each a card listing its members with their
 * one-click actions.
 */
import CakeIcon from "@mui/icons-material/Cake";
import ConfirmationNumberIcon from "@mui/icons-material/ConfirmationNumber";
import OpenInNewIcon from "@mui/icons-material/OpenInNew";
import PersonAddIcon from "@mui/icons-material/PersonAdd";
import PhoneInTalkIcon from "@mui/icons-material/PhoneInTalk";
import TrendingDownIcon from "@mui/icons-material/TrendingDown";
import { Box, Button, Card, CardContent, Chip, Divider, List, ListItem, Stack, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { formatFen } from "../members/loyalty/money";
import type { Worklist, WorklistMember } from "./api";
import { formatPhone } from "../common/phone";

const W = "resources.worklist";

export interface Actions {
  onContact: (member: WorklistMember) => void;
  onIssue?: (member: WorklistMember) => void;
}

/** One member in a section: who, why they are here, and what to do. */
function MemberRow({
  member,
  detail,
  actions,
  testId,
}: {
  member: WorklistMember;
  detail: ReactNode;
  actions: Actions;
  testId: string;
}) {
  const translate = useTranslate();
  return (
    <ListItem disableGutters sx={{ display: "block", py: 1 }} data-testid={testId} data-member-id={member.id}>
      <Box sx={{ display: "flex", justifyContent: "space-between", gap: 1, alignItems: "baseline", flexWrap: "wrap" }}>
        <Typography variant="subtitle2" component={Link} to={`/members/${member.id}/show`} sx={{ color: "inherit" }}>
          {member.name}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: "monospace" }}>
          {formatPhone(member.phone)}
        </Typography>
      </Box>
      <Typography variant="body2" color="text.secondary">
        {detail}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: "wrap" }} useFlexGap>
        <Button
          size="small"
          variant="outlined"
          startIcon={<PhoneInTalkIcon />}
          onClick={() => actions.onContact(member)}
          data-testid="worklist-contact"
        >
          {translate(`${W}.actions.contact`)}
        </Button>
        {actions.onIssue && (
          <Button
            size="small"
            startIcon={<ConfirmationNumberIcon />}
            onClick={() => actions.onIssue!(member)}
            data-testid="worklist-issue"
          >
            {translate(`${W}.actions.issue`)}
          </Button>
        )}
        <Button
          size="small"
          startIcon={<OpenInNewIcon />}
          component={Link}
          to={`/members/${member.id}/show`}
          data-testid="worklist-open"
        >
          {translate(`${W}.actions.open`)}
        </Button>
      </Stack>
    </ListItem>
  );
}

/** A section card with its title, count and members (or a line saying there are none). */
function Section({
  name,
  icon,
  count,
  children,
}: {
  name: string;
  icon: ReactNode;
  count: number;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid={`worklist-${name}`}>
      <CardContent sx={{ pb: 1 }}>
        <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
          {icon}
          <Typography variant="h6" sx={{ flex: 1, fontSize: "1.05rem" }}>
            {translate(`${W}.sections.${name}`)}
          </Typography>
          <Chip
            size="small"
            label={count}
            color={count ? "primary" : "default"}
            data-testid={`worklist-${name}-count`}
          />
        </Box>
        <Typography variant="caption" color="text.secondary">
          {translate(`${W}.hints.${name}`)}
        </Typography>
        {count === 0 ? (
          <Typography variant="body2" sx={{ mt: 1 }} color="text.secondary">
            {translate(`${W}.empty.${name}`)}
          </Typography>
        ) : (
          <List dense disablePadding>
            {children}
          </List>
        )}
      </CardContent>
    </Card>
  );
}

/** A section's rows with a divider between each two. */
const withDividers = (rows: ReactNode[]) =>
  rows.flatMap((row, i) => (i ? [<Divider key={`d${i}`} component="li" />, row] : [row]));

type FormatDateTime = ReturnType<typeof useFormatDateTime>;

export function Sections({ worklist, actions }: { worklist: Worklist; actions: Actions }) {
  const format = useFormatDateTime();
  return (
    <Stack spacing={2}>
      <SlippingSection entries={worklist.slipping} actions={actions} />
      <BirthdaysSection entries={worklist.birthdays} actions={actions} />
      <ExpiringCouponsSection entries={worklist.expiringCoupons} actions={actions} format={format} />
      <NewMembersSection entries={worklist.newMembers} actions={actions} format={format} />
    </Stack>
  );
}

/** Members slipping away: their stage, days since the last visit, spend, visits and RFM class. */
function SlippingSection({ entries, actions }: { entries: Worklist["slipping"]; actions: Actions }) {
  const translate = useTranslate();
  return (
    <Section name="slipping" icon={<TrendingDownIcon color="warning" />} count={entries.length}>
      {withDividers(
        entries.map((entry) => (
          <MemberRow
            key={entry.member.id}
            testId="worklist-slipping-row"
            member={entry.member}
            actions={actions}
            detail={translate(`${W}.detail.slipping`, {
              stage: translate(`${W}.stages.${entry.stage}`),
              days: entry.daysSinceVisit,
              spend: formatFen(entry.lifetimeSpend),
              visits: entry.visits,
              rfm: entry.rfmClass,
            })}
          />
        )),
      )}
    </Section>
  );
}

/** Birthdays coming up (or today). */
function BirthdaysSection({ entries, actions }: { entries: Worklist["birthdays"]; actions: Actions }) {
  const translate = useTranslate();
  return (
    <Section name="birthdays" icon={<CakeIcon color="secondary" />} count={entries.length}>
      {withDividers(
        entries.map((entry) => (
          <MemberRow
            key={entry.member.id}
            testId="worklist-birthdays-row"
            member={entry.member}
            actions={actions}
            detail={
              entry.daysAway === 0
                ? translate(`${W}.detail.birthday_today`, { date: entry.date })
                : translate(`${W}.detail.birthday`, { date: entry.date, days: entry.daysAway })
            }
          />
        )),
      )}
    </Section>
  );
}

/** Coupons about to lapse unused: which, its code, until when, days left. */
function ExpiringCouponsSection({
  entries,
  actions,
  format,
}: {
  entries: Worklist["expiringCoupons"];
  actions: Actions;
  format: FormatDateTime;
}) {
  const translate = useTranslate();
  return (
    <Section name="expiringCoupons" icon={<ConfirmationNumberIcon color="error" />} count={entries.length}>
      {withDividers(
        entries.map((entry) => (
          <MemberRow
            key={entry.code}
            testId="worklist-expiringCoupons-row"
            member={entry.member}
            actions={actions}
            detail={translate(`${W}.detail.coupon`, {
              name: entry.templateName,
              code: entry.displayCode,
              until: format(entry.validUntil),
              days: entry.daysLeft,
            })}
          />
        )),
      )}
    </Section>
  );
}

/** Members who joined lately: when, and how many days ago. */
function NewMembersSection({
  entries,
  actions,
  format,
}: {
  entries: Worklist["newMembers"];
  actions: Actions;
  format: FormatDateTime;
}) {
  const translate = useTranslate();
  return (
    <Section name="newMembers" icon={<PersonAddIcon color="success" />} count={entries.length}>
      {withDividers(
        entries.map((entry) => (
          <MemberRow
            key={entry.member.id}
            testId="worklist-newMembers-row"
            member={entry.member}
            actions={actions}
            detail={translate(`${W}.detail.new_member`, { joined: format(entry.joinedAt), days: entry.daysAgo })}
          />
        )),
      )}
    </Section>
  );
}
