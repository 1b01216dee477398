/**
 * Recommendations (推荐商品) on the member page, in a real browser over the
 * local server and DynamoDB Local with the demo merchant: a demo member with
 * purchases sees what the API recommends, with the reason; a member without
 * purchases sees the empty state.
 */
import { describe, expect, test } from "vitest";
import { gql, ok, signIn } from "../support/api.js";
import { consoleJourney, logIn, poll, screenshot } from "../support/console.js";

const journey = consoleJourney({ members: 14, otherMembers: 2, purchases: 10 });

interface ApiRecommendation {
  sku: string;
  name: string | null;
  reason: "history" | "similar";
}
interface ApiMember {
  id: string;
  name: string;
  recommendations: ApiRecommendation[];
}

async function membersWithRecommendations(token: string): Promise<ApiMember[]> {
  const data = await ok(
    gql(
      journey.server,
      "{ members(first: 14) { nodes { id name recommendations(limit: 8) { sku name reason } } } }",
      {},
      { token },
    ),
  );
  return data.members.nodes;
}

describe("recommendations on the member page", () => {
  test("an owner opens a demo member's page and sees the products to offer, own favourites and what similar members bought", async () => {
    // Prepare: a demo member whose recommendations include both reasons, and one with no purchases.
    const token = await signIn(journey.server, journey.demo.owner.username, journey.demo.owner.password);
    const members = await membersWithRecommendations(token);
    const member = members.find(
      (m) =>
        m.recommendations.some((r) => r.reason === "history") && m.recommendations.some((r) => r.reason === "similar"),
    );
    expect(member, "a demo member with both kinds of recommendation").toBeDefined();
    const newcomer = members.find((m) => m.recommendations.length === 0);
    expect(newcomer, "a demo member without purchases").toBeDefined();

    // Act
    const page = await journey.openConsole({ height: 1000 });
    await logIn(page, journey.demo.owner.username, journey.demo.owner.password);
    await page.goto(`${journey.server.url}/#/members/${member!.id}/show`);
    const panel = page.getByTestId("recommendations-section");
    await panel.scrollIntoViewIfNeeded();

    // Assess: the panel lists what the API recommends, in its order, with the reasons in Chinese.
    await poll(() => panel.getByTestId("recommendation-row").count()).toBe(member!.recommendations.length);
    await expect.poll(() => panel.locator("h6").first().innerText()).toBe("推荐商品");
    const rows = await panel.getByTestId("recommendation-row").allInnerTexts();
    member!.recommendations.forEach((r, i) => expect(rows[i]).toContain(r.name ?? r.sku));
    const reasons = await panel.getByTestId("recommendation-reason").allInnerTexts();
    expect(reasons).toEqual(member!.recommendations.map((r) => (r.reason === "history" ? "常买" : "相似会员也买")));
    await screenshot(page, "recommendations-1-member");

    // A member without purchases: the empty state.
    await page.goto(`${journey.server.url}/#/members/${newcomer!.id}/show`);
    await poll(() => page.getByTestId("recommendations-empty").innerText()).toContain("暂无推荐");
    await screenshot(page, "recommendations-2-empty");
  });
});
