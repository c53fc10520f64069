import { fileTransfer, serves } from "../../ipc";
import type { TeamSection } from "../../app/router.svelte";

/**
 * Whether this host offers a section of the team's workspace: exchanging files needs
 * the desktop's paths, or the web portal's downloads and uploads.
 */
export function sectionOffered(section: TeamSection): boolean {
  return section !== "exchange" || serves("export_board") || serves("import_board") || fileTransfer() !== null;
}
