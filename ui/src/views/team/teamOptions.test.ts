import { describe, expect, it } from "vitest";
import { allowedForAll, firstChoice } from "./teamOptions";

describe("status choices", () => {
  it("start on the first allowed step ahead of the current status, else the first allowed", () => {
    expect(firstChoice("under_review", ["new", "planned", "launched"])).toBe("planned");
    expect(firstChoice("declined", ["under_review"])).toBe("under_review");
    expect(firstChoice("launched", [])).toBeUndefined();
  });

  it("offer a bulk change only what every chosen idea accepts", () => {
    expect(allowedForAll([["under_review", "planned", "declined"], ["new", "planned", "declined"]])).toEqual([
      "planned",
      "declined",
    ]);
    expect(allowedForAll([])).toEqual([]);
  });
});
