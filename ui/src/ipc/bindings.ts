// This file is generated, do not edit.
// Source of truth: the Rust IPC types (serde camelCase). Regenerate instead of editing.

export type Role = "fan" | "moderator" | "admin";

export type IdeaStatus =
  | "new"
  | "under_review"
  | "planned"
  | "in_progress"
  | "launched"
  | "declined"
  | "merged";

export type Priority = "nice_to_have" | "important" | "critical";

export type IdeaSort = "trending" | "top" | "new" | "most_discussed";

export type MemberRef = { id: string; displayName: string; role: Role };

export type Category = { slug: string; name: string; nameEn: string | null };

export type IdeaSummary = {
  id: string;
  number: number;
  title: string;
  excerpt: string;
  category: Category | null;
  tags: string[];
  status: IdeaStatus;
  author: MemberRef;
  createdAt: string;
  updatedAt: string;
  voteCount: number;
  commentCount: number;
  pinned: boolean;
  hidden: boolean;
  mergedInto: number | null;
  myVote: Priority | null;
};

export type ListQuery = {
  sort: IdeaSort;
  category: string | null;
  status: IdeaStatus | null;
  tag: string | null;
  author: string | null;
  votedBy: string | null;
  includeHidden: boolean;
  offset: number;
  limit: number;
};

export type IdeaPage = { items: IdeaSummary[]; offset: number; hasMore: boolean };

export type BoardCounts = { ideas: number; votes: number; comments: number; members: number };

export type BoardOverview = {
  name: string;
  path: string;
  categories: Category[];
  counts: BoardCounts;
};

export type ErrorCode =
  | "NotFound"
  | "NotAllowed"
  | "NotSignedIn"
  | "InvalidInput"
  | "TitleEmpty"
  | "TitleTooShort"
  | "TitleTooLong"
  | "BodyTooLong"
  | "ControlCharacter"
  | "InvalidId"
  | "UnknownValue"
  | "AlreadyVoted"
  | "NotVoted"
  | "VotingClosed"
  | "VoteBudgetExhausted"
  | "NoteRequired"
  | "NoteTooLong"
  | "InvalidTransition"
  | "MergeIntoSelf"
  | "MergeIntoMerged"
  | "AlreadyMerged"
  | "NameEmpty"
  | "NameTooLong"
  | "PassphraseTooShort"
  | "WrongPassphrase"
  | "EditWindowClosed"
  | "CommentEmpty"
  | "CommentTooLong"
  | "ParentMismatch"
  | "CommentDeleted"
  | "LastAdmin"
  | "TooManyTags"
  | "NewerBoard"
  | "NotABoard"
  | "Storage"
  | "Internal";

export type ErrorDto = { code: ErrorCode; message: string };
