/**
 * Labels of the member page's recommendations (推荐商品), spread into
 * `resources` of zh-CN.ts and en.ts. Both locales have the same shape.
 */

export const recommendationsZhCN = {
  recommendations: {
    title: "推荐商品",
    hint: "根据会员自己的购买记录，以及买过相同商品的会员还买了什么，推荐可向会员推荐的商品。",
    loading: "正在计算推荐…",
    empty: "暂无推荐：会员还没有消费记录。",
    error: "推荐加载失败：%{message}",
    separator: "、",
    fields: { name: "商品", category: "分类", reason: "推荐理由", score: "推荐度" },
    reason: { history: "常买", similar: "相似会员也买" },
    history_detail: "最近 %{count} 单买过，最近一次 %{at}",
    similar_detail: "买过 %{skus} 的会员也买了它（%{count} 次同单）",
  },
};

export const recommendationsEn: typeof recommendationsZhCN = {
  recommendations: {
    title: "Recommendations",
    hint: "Products to offer this member: what they buy again and again, and what members who bought the same products also bought.",
    loading: "Working out recommendations…",
    empty: "No recommendations yet: the member has no purchases.",
    error: "Recommendations could not be loaded: %{message}",
    separator: ", ",
    fields: { name: "Product", category: "Category", reason: "Why", score: "Strength" },
    reason: { history: "Buys often", similar: "Similar members bought" },
    history_detail: "In %{count} recent orders, last on %{at}",
    similar_detail: "Members who bought %{skus} also bought it (%{count} times in one order)",
  },
};
