// Reading and driving the Ideaboard UI through its data-testid hooks.
import { waitFor } from "./webdriver.mjs";

const READ_CARDS = `
  return Array.from(document.querySelectorAll('[data-testid="idea-card"]')).map((card) => ({
    number: Number(card.dataset.number),
    category: card.dataset.category,
    categoryText: card.querySelector('[data-testid="idea-category"]').textContent.trim(),
    title: card.querySelector('[data-testid="idea-title"]').textContent,
  }));
`;

/** The idea cards currently shown, top to bottom. */
export function readCards(session) {
  return session.executeScript(READ_CARDS);
}

/** Waits for the list to finish loading and returns its cards (empty when the empty state shows). */
export async function waitForList(session, message = "the idea list") {
  await waitFor(
    () =>
      session.executeScript(`
        if (document.querySelector('[data-testid="idea-list-loading"]')) return false;
        return !!document.querySelector('[data-testid="idea-list"], [data-testid="empty-state"], [data-testid="error-state"]');
      `),
    { timeout: 15_000, message },
  );
  const error = await session.executeScript(
    `return document.querySelector('[data-testid="error-state"]')?.textContent ?? null;`,
  );
  if (error) throw new Error(`the idea list shows an error: ${error}`);
  return readCards(session);
}

export function currentLocale(session) {
  return session.executeScript("return document.documentElement.lang;");
}

/** Every non-empty text the user can see or pick (text nodes and select options). */
export function visibleTexts(session) {
  return session.executeScript(`
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (text) texts.push(text);
    }
    for (const option of document.querySelectorAll("option")) texts.push(option.textContent.trim());
    return texts;
  `);
}
