import en from './locales/en.json';
import ko from './locales/ko.json';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const english = flatten(en);
const korean = flatten(ko);

describe('translation catalogues', () => {
  it('has every English key in Korean', () => {
    const missing = [...english.keys()].filter((key) => !korean.has(key));
    expect(missing).toEqual([]);
  });

  it('has no Korean key that English lacks', () => {
    const extra = [...korean.keys()].filter((key) => !english.has(key));
    expect(extra).toEqual([]);
  });

  it('has no empty translations', () => {
    const empty = [...english, ...korean].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const mismatched = [...english]
      .filter(([key, text]) => placeholders(text).join() !== placeholders(korean.get(key) ?? '').join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});
