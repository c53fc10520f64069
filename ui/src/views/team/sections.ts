import { fileTransfer, hasAccounts, serves } from "../../ipc";
import type { TeamSection } from "../../app/router.svelte";

/**
 * Whether this host offers a section of the team's workspace: exchanging files needs
 * the desktop's paths, or the web portal's downloads and uploads; the members page is
 * a shared board's (local boards keep their profiles in the board settings).
 */
export function sectionOffered(section: TeamSection): boolean {
  if (section === "exchange") return serves("export_board") || serves("import_board") || fileTransfer() !== null;
  if (section === "members") return hasAccounts();
  return true;
}
