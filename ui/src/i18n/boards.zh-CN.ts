import type { boardsEn } from "./boards.en";

/** Simplified Chinese messages of the app's board menu and of joining a shared board. */
export const boardsZhCN: Record<keyof typeof boardsEn, string> = {
  "boards.menuLabel": "创意板：切换，或加入共享创意板",
  "boards.thisComputer": "本机",
  "boards.shared": "共享创意板",
  "boards.current": "当前显示",
  "boards.signedInAs": "已登录为 {email}",
  "boards.join": "加入共享创意板…",
  "boards.leave": "退出",
  "boards.leaveLabel": "退出 {name} 并在本机上忘记它",
  "boards.opening": "正在打开…",
  "boards.offline": "正在重新连接服务器…",
  "join.title": "加入共享创意板",
  "join.url": "服务器地址",
  "join.urlHint": "品牌提供给你的地址，例如 http://ideas.example.com:8080",
  "join.check": "继续",
  "join.checking": "正在查找服务器…",
  "join.badUrl": "这不是服务器地址。请输入类似 http://ideas.example.com:8080 的地址。",
  "join.found": "{url} 上的 {name}",
  "join.signInHint": "使用你在此创意板上的账户登录。",
  "join.signUpHint": "在此创意板上创建你的账户。",
  "join.newAccount": "还没有账户？创建一个",
  "join.haveAccount": "已有账户？登录",
  "join.back": "使用其他地址",
  "join.signIn": "登录并打开创意板",
  "join.signUp": "创建账户并打开创意板",
};
