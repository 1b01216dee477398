/**
 * The guide worklist on a phone-sized screen (360×740) in a real browser over
 * the local server and the demo data: the demo guide (a clerk) sees the four
 * sections with counts, finds the demo member whose birthday is this week,
 * logs a contact through the dialog's confirmation, and the API holds the note.
 */
import { describe, expect, test } from "vitest";
import { WORKLIST_DEMO } from "../../scripts/local/worklist-demo.js";
import { gql, ok, signIn } from "../support/api.js";
import { consoleJourney, logIn, poll, screenshot } from "../support/console.js";

const journey = consoleJourney({ members: 30, otherMembers: 3 });

const WORKLIST = `{
  guideWorklist { birthdays { member { id name } date } slipping { member { id name } } expiringCoupons {
    member { id } code } newMembers { member { id name } } }
}`;

describe("the guide worklist on a phone", () => {
  test("the demo guide sees this week's birthday and logs a contact", async () => {
    const { demo, server } = journey;
    const token = await signIn(server, demo.clerk.username, demo.clerk.password);
    const api = (await ok(gql(server, WORKLIST, {}, { token }))).guideWorklist;
    const birthday = api.birthdays.find(
      (entry: { member: { name: string } }) => entry.member.name === WORKLIST_DEMO.birthday.name,
    );
    expect(birthday, "the demo birthday member is on the guide's worklist").toBeDefined();
    expect(api.slipping.map((entry: { member: { name: string } }) => entry.member.name)).toContain(
      WORKLIST_DEMO.slipping.name,
    );
    expect(api.newMembers.map((entry: { member: { name: string } }) => entry.member.name)).toContain(
      WORKLIST_DEMO.newMember.name,
    );
    expect(api.expiringCoupons.map((entry: { member: { id: string } }) => entry.member.id)).toContain(
      birthday.member.id,
    );

    const page = await journey.openConsole({ width: 360, height: 740 });
    await logIn(page, demo.clerk.username, demo.clerk.password);
    await page.goto(`${server.url}/#/worklist`);
    await poll(() => page.getByTestId("worklist-birthdays-count").innerText()).toBe(String(api.birthdays.length));
    await poll(() => page.getByTestId("worklist-slipping-count").innerText()).toBe(String(api.slipping.length));
    await poll(() => page.getByTestId("worklist-expiringCoupons-count").innerText()).toBe(
      String(api.expiringCoupons.length),
    );
    await poll(() => page.getByTestId("worklist-newMembers-count").innerText()).toBe(String(api.newMembers.length));
    const row = page.locator(`[data-testid="worklist-birthdays-row"][data-member-id="${birthday.member.id}"]`);
    await expect(row.innerText()).resolves.toContain(WORKLIST_DEMO.birthday.name);
    // Clerks cannot issue coupons by hand: the row offers a contact and the member page.
    expect(await row.getByTestId("worklist-issue").count()).toBe(0);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, "worklist-phone");

    await row.getByTestId("worklist-contact").click();
    await page.getByTestId("contact-note").fill("电话祝福生日，约周末到店");
    await page.getByTestId("contact-save").click();
    await poll(() => page.getByTestId("contact-confirm").innerText()).toContain("电话祝福生日");
    await screenshot(page, "worklist-phone-contact");
    await page.getByTestId("contact-confirm-save").click();
    await poll(() => page.getByTestId("contact-dialog").count()).toBe(0);

    const notes = async () =>
      (
        await ok(
          gql(
            server,
            `query($id: ID!) { member(id: $id) { contacts { nodes { channel note staffUsername } } } }`,
            { id: birthday.member.id },
            { token },
          ),
        )
      ).member.contacts.nodes;
    await poll(notes).toEqual([
      { channel: "CALL", note: "电话祝福生日，约周末到店", staffUsername: demo.clerk.username },
    ]);
  });
});
