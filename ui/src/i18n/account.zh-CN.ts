import type { accountEn, accountWordingEn } from "./account.en";

/** Simplified Chinese messages of a shared board's accounts. */
export const accountZhCN: Record<keyof typeof accountEn, string> = {
  "account.title": "欢迎",
  "account.signIn": "登录",
  "account.signUp": "注册账户",
  "account.signOut": "退出登录",
  "account.signingIn": "正在登录…",
  "account.signingUp": "正在创建账户…",
  "account.signingOut": "正在退出…",
  "account.email": "电子邮件",
  "account.password": "密码",
  "account.passwordMin": "至少 {min} 个字符。",
  "account.displayName": "昵称",
  "account.displayNamePlaceholder": "例如：王芳",
  "account.displayNameHint": "显示在你的创意和评论旁。",
  "account.invitation": "邀请码",
  "account.signedInAs": "已登录：{email}",
  "account.sessions.title": "你的登录会话",
  "account.sessions.lead": "所有登录了你账户的浏览器和应用。不再使用的，可以在这里让它退出。",
  "account.sessions.loading": "正在加载你的登录会话…",
  "account.sessions.failed": "无法加载你的登录会话",
  "account.sessions.empty": "没有打开的登录会话。",
  "account.sessions.current": "当前浏览器",
  "account.sessions.bearer": "应用或脚本",
  "account.sessions.agent": "{os} 上的 {browser}",
  "account.sessions.since": "登录于 {date}",
  "account.sessions.lastSeen": "上次使用：{when}",
  "account.sessions.revoke": "让它退出",
  "account.sessions.revokeLabel": "让登录会话 {name} 退出",
  "account.sessions.revoked": "已让 {name} 退出登录。",
};

/** The Chinese of `accountWordingEn`. */
export const accountWordingZhCN: Record<keyof typeof accountWordingEn, string> = {
  "member.choose": "登录",
  "member.guestHint": "尚未登录",
  "profile.guestHint": "登录或注册账户，即可分享创意、投票并赚取积分。",
  "notifications.guestTitle": "通知属于已登录的成员",
  "notifications.guestHint": "登录后即可关注创意，并在它们变化时收到通知。",
  "adoption.mineGuest": "登录后，在这里关注你自己创意的历程。",
  "comments.signInToComment": "登录后即可参与讨论。",
  "share.signInFirst": "分享前请先登录。",
  "error.NotSignedIn": "请先登录。",
};
