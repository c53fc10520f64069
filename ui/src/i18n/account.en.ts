/** English messages of a shared board's accounts (spread into the English catalogue). */
export const accountEn = {
  "account.title": "Welcome",
  "account.signIn": "Sign in",
  "account.signUp": "Create account",
  "account.signOut": "Sign out",
  "account.signingIn": "Signing in…",
  "account.signingUp": "Creating your account…",
  "account.signingOut": "Signing out…",
  "account.email": "Email",
  "account.password": "Password",
  "account.passwordMin": "At least {min} characters.",
  "account.displayName": "Display name",
  "account.displayNamePlaceholder": "e.g. Wang Fang",
  "account.displayNameHint": "Shown with your ideas and comments.",
  "account.invitation": "Invitation code",
  "account.signedInAs": "Signed in as {email}",
  "account.sessions.title": "Your sessions",
  "account.sessions.lead": "Every browser and app signed in to your account. Sign out the ones you no longer use.",
  "account.sessions.loading": "Loading your sessions…",
  "account.sessions.failed": "Could not load your sessions",
  "account.sessions.empty": "No sessions are open.",
  "account.sessions.current": "This browser",
  "account.sessions.bearer": "App or script",
  "account.sessions.agent": "{browser} on {os}",
  "account.sessions.since": "Signed in {date}",
  "account.sessions.lastSeen": "Last used {when}",
  "account.sessions.revoke": "Sign out there",
  "account.sessions.revokeLabel": "Sign out the session {name}",
  "account.sessions.revoked": "Signed out {name}.",
} as const;

/**
 * Where members sign in with an account (the web portal) rather than pick a local
 * profile, these messages say so (ipc's `hasAccounts`, applied by main.ts).
 */
export const accountWordingEn = {
  "member.choose": "Sign in",
  "member.guestHint": "Not signed in",
  "profile.guestHint": "Sign in or create an account to share ideas, vote and earn points.",
  "notifications.guestTitle": "Notifications are for members",
  "notifications.guestHint": "Sign in to follow ideas and hear when they change.",
  "adoption.mineGuest": "Sign in to follow your own ideas' journeys here.",
  "comments.signInToComment": "Sign in to join the discussion.",
  "share.signInFirst": "Sign in before sharing.",
  "error.NotSignedIn": "Please sign in first.",
} as const;
