/**
 * Labels of the guide worklist (导购工作台), spread into `resources` of
 * zh-CN.ts and en.ts. Both locales have the same shape.
 */

export const worklistZhCN = {
  worklist: {
    name: "我的工作台",
    guide: "导购",
    myself: "我自己",
    summary: "%{guide} · %{today} · 名下会员 %{count} 位",
    retry: "重试",
    sections: {
      slipping: "高价值会员流失预警",
      birthdays: "本周生日",
      expiringCoupons: "优惠券即将过期",
      newMembers: "新入会待联系",
    },
    hints: {
      slipping: "消费多或等级高、但已沉默或沉睡的会员，按消费额排序",
      birthdays: "今天起 7 天内过生日",
      expiringCoupons: "今天起 7 天内到期、尚未使用的券",
      newMembers: "近 7 天入会、还没有联系记录",
    },
    empty: {
      slipping: "没有需要挽回的高价值会员",
      birthdays: "本周没有会员过生日",
      expiringCoupons: "没有即将过期的券",
      newMembers: "新会员都已联系过",
    },
    detail: {
      slipping: "%{stage} · %{days} 天未到店 · 累计消费 %{spend} · %{visits} 次 · %{rfm}",
      birthday: "%{date} 生日（%{days} 天后）",
      birthday_today: "今天生日（%{date}）",
      coupon: "%{name} · %{code} · %{until} 到期（还剩 %{days} 天）",
      new_member: "%{joined} 入会（%{days} 天前）",
    },
    stages: { new: "新会员", active: "活跃", silent: "沉默", sleeping: "沉睡", lost: "流失" },
    actions: { contact: "记录联系", issue: "发券", open: "会员详情" },
    channels: { CALL: "电话", WECHAT: "微信", SMS: "短信", VISIT: "到店", OTHER: "其他" },
    contact: {
      title: "记录联系：%{name}",
      channel: "联系方式",
      note: "联系内容",
      save: "下一步",
      back: "返回修改",
      confirm: "确认记录这次与 %{name} 的联系（%{channel}）？",
      logged: "已记录与 %{name} 的联系",
    },
  },
};

export const worklistEn: typeof worklistZhCN = {
  worklist: {
    name: "My worklist",
    guide: "Guide",
    myself: "Myself",
    summary: "%{guide} · %{today} · %{count} members",
    retry: "Retry",
    sections: {
      slipping: "High-value members slipping away",
      birthdays: "Birthdays this week",
      expiringCoupons: "Coupons about to lapse",
      newMembers: "New members to contact",
    },
    hints: {
      slipping: "Big spenders or higher tiers who have gone silent or asleep, biggest spend first",
      birthdays: "Birthdays in the next 7 days, today included",
      expiringCoupons: "Unused coupons lapsing in the next 7 days",
      newMembers: "Joined in the last 7 days, not contacted yet",
    },
    empty: {
      slipping: "No high-value member is slipping away",
      birthdays: "No birthdays this week",
      expiringCoupons: "No coupons about to lapse",
      newMembers: "Every new member has been contacted",
    },
    detail: {
      slipping: "%{stage} · %{days} days since the last visit · spent %{spend} · %{visits} visits · %{rfm}",
      birthday: "Birthday on %{date} (in %{days} days)",
      birthday_today: "Birthday today (%{date})",
      coupon: "%{name} · %{code} · lapses %{until} (%{days} days left)",
      new_member: "Joined %{joined} (%{days} days ago)",
    },
    stages: { new: "New", active: "Active", silent: "Silent", sleeping: "Sleeping", lost: "Lost" },
    actions: { contact: "Log contact", issue: "Issue coupon", open: "Member page" },
    channels: { CALL: "Call", WECHAT: "WeChat", SMS: "SMS", VISIT: "Visit", OTHER: "Other" },
    contact: {
      title: "Log contact: %{name}",
      channel: "How",
      note: "What was said",
      save: "Next",
      back: "Back",
      confirm: "Log this contact with %{name} (%{channel})?",
      logged: "Contact with %{name} logged",
    },
  },
};
