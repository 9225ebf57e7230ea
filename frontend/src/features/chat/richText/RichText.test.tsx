import { act, render } from '@testing-library/react';

import { safeUrl } from './allowList';
import RichText from './RichText';

function renderBody(source: string): HTMLElement {
  const { container } = render(<RichText source={source} />);
  return container.querySelector('.rich-text')!;
}

/** Nothing in the rendered body that could run script or load anything. */
function expectInert(body: HTMLElement): void {
  expect(body.querySelector('script, iframe, img, object, embed, style, svg, form, input')).toBeNull();
  for (const element of body.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      expect(attribute.name).not.toMatch(/^on/i);
      expect(attribute.name).not.toBe('style');
      expect(attribute.value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
  }
}

describe('RichText: what chat Markdown allows', () => {
  it('renders bold, italic, strike and inline code', () => {
    const body = renderBody('**bold** *italic* _also_ ~~gone~~ `x < y`');
    expect(body.querySelector('strong')).toHaveTextContent('bold');
    expect([...body.querySelectorAll('em')].map((em) => em.textContent)).toEqual(['italic', 'also']);
    expect(body.querySelector('del')).toHaveTextContent('gone');
    expect(body.querySelector('code')).toHaveTextContent('x < y');
  });

  it('keeps a single tilde as text', () => {
    const body = renderBody('~5 minutes or ~10');
    expect(body.querySelector('del')).toBeNull();
    expect(body).toHaveTextContent('~5 minutes or ~10');
  });

  it('renders block quotes and both kinds of list', () => {
    const body = renderBody('> quoted\n\n- one\n- two\n\n3. three\n4. four');
    expect(body.querySelector('blockquote')).toHaveTextContent('quoted');
    expect([...body.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(body.querySelector('ol')).toHaveAttribute('start', '3');
    expect(body.querySelectorAll('ol > li')).toHaveLength(2);
  });

  it('renders a fenced code block, as typed, and highlights a known language', async () => {
    const source = '```ts\nconst a = 1; // **not bold**\n```';
    expect(renderBody(source).querySelector('pre > code')).toHaveTextContent('const a = 1; // **not bold**');
    // The highlighter is a lazy chunk: let React finish loading it (act), then look again.
    let container = document.body;
    await act(async () => {
      container = render(<RichText source={source} />).container;
      await import('./highlight');
    });
    expect(container.querySelector('strong')).toBeNull();
    expect(container.querySelector('.hljs-keyword')).toHaveTextContent('const');
    expect(container.querySelector('pre > code.hljs')!.textContent).toBe('const a = 1; // **not bold**');
  });

  it('leaves a block in an unknown language, or none, plain', async () => {
    let container = document.body;
    await act(async () => {
      container = render(<RichText source={'```klingon\nqaStaH nuq\n```\n\n```\nplain <b>text</b>\n```'} />).container;
      await import('./highlight');
    });
    const blocks = container.querySelectorAll('pre > code');
    expect([...blocks].map((block) => block.textContent)).toEqual(['qaStaH nuq', 'plain <b>text</b>']);
    expect(container.querySelector('.hljs, [class^="hljs-"], b')).toBeNull();
  });

  it('keeps line breaks inside a paragraph', () => {
    expect(renderBody('line one\nline two').querySelector('p')!.textContent).toBe('line one\nline two');
  });

  it('links URLs, Markdown links and e-mail addresses, each opening safely outside', () => {
    const body = renderBody('see https://example.com/a_b?c=1 and www.example.org, [docs](https://docs.example.com) or me@example.com');
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/a_b?c=1',
      'http://www.example.org',
      'https://docs.example.com',
      'mailto:me@example.com',
    ]);
    for (const link of links) {
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
  });

  it('turns emoji shortcodes into emoji, but not inside code', () => {
    const body = renderBody(':tada: :+1: :heart: :-1: :not_an_emoji: 10:30:45 `:tada:`');
    expect(body.querySelector('p')!.textContent).toBe('🎉 👍 ❤️ 👎 :not_an_emoji: 10:30:45 :tada:');
  });

  it('turns sequence shortcodes into whole emoji', () => {
    expect(renderBody(':us: :rainbow_flag: :hash: :man_technologist:').textContent).toBe('🇺🇸 🏳️‍🌈 #️⃣ 👨‍💻');
  });
});

describe('RichText: what stays text', () => {
  it.each([
    ['# not a heading', 'h1'],
    ['title\n---', 'h2'],
    ['| a | b |\n| - | - |\n| 1 | 2 |', 'table'],
    ['![cat](https://example.com/cat.png)', 'img'],
    ['***', 'hr'],
    ['- [ ] task', 'input'],
    ['    indented', 'pre'],
  ])('%j renders no <%s>', (source, tag) => {
    const body = renderBody(source);
    expect(body.querySelector(tag)).toBeNull();
  });

  it('shows a heading and a link definition as what was typed', () => {
    expect(renderBody('# hello')).toHaveTextContent('# hello');
    expect(renderBody('[x]: https://example.com')).toHaveTextContent('[x]: https://example.com');
  });

  it('shows raw HTML as text', () => {
    const body = renderBody('<b>bold?</b> <div>block</div>');
    expect(body.querySelector('b, div div')).toBeNull();
    expect(body).toHaveTextContent('<b>bold?</b> <div>block</div>');
  });
});

describe('RichText: hostile input is inert', () => {
  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<iframe src="https://evil.example"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<svg onload=alert(1)>',
    '<p onclick="alert(1)" style="color:red">styled</p>',
    '<div>\n<script>alert(1)</script>\n</div>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](  javascript:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](vbscript:msgbox(1))',
    '[click](&#106;avascript:alert(1))',
    '<javascript:alert(1)>',
    '<data:text/html,<script>alert(1)</script>>',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '![x](javascript:alert(1))',
    '[x][ref]\n\n[ref]: javascript:alert(1)',
    '```html\n<script>alert(1)</script>\n```',
    '`<img src=x onerror=alert(1)>`',
  ])('%j', (source) => {
    const body = renderBody(source);
    expectInert(body);
  });

  it('shows script tags and event handlers as text, links as their text', () => {
    expect(renderBody('<script>alert(1)</script>')).toHaveTextContent('<script>alert(1)</script>');
    expect(renderBody('<img src=x onerror=alert(1)>')).toHaveTextContent('<img src=x onerror=alert(1)>');
    const link = renderBody('[click](javascript:alert(1))');
    expect(link.querySelector('a')).toBeNull();
    expect(link).toHaveTextContent('click');
    expect(renderBody('javascript:alert(1)').querySelector('a')).toBeNull();
  });

  it('refuses relative and unknown-scheme links', () => {
    for (const source of ['[x](/admin)', '[x](//evil.example)', '[x](ftp://example.com)', '<xmpp:me@example.com>']) {
      expect(renderBody(source).querySelector('a')).toBeNull();
    }
  });
});

describe('safeUrl', () => {
  it('passes http, https and mailto only', () => {
    expect(safeUrl('https://example.com')).toBe('https://example.com');
    expect(safeUrl('HTTP://example.com')).toBe('HTTP://example.com');
    expect(safeUrl('mailto:me@example.com')).toBe('mailto:me@example.com');
    for (const url of ['javascript:alert(1)', ' https://x', 'java\nscript:x', 'data:text/html,x', 'vbscript:x', '/x', 'x', '']) {
      expect(safeUrl(url)).toBeNull();
    }
  });
});

describe('RichText: mentions', () => {
  it('shows a stored mention as a name, and a call to the room', () => {
    const body = renderBody('hi <@3> and <!room>');
    const mentions = [...body.querySelectorAll('.mention')];
    expect(mentions.map((mention) => mention.textContent)).toEqual(['@someone', '@room']);
    expect(mentions[0]).toHaveAttribute('data-user-id', '3');
  });

  it('keeps mentions typed in code, and a hand-made mention span, as text', () => {
    const code = renderBody('`<@3>`');
    expect(code.querySelector('.mention')).toBeNull();
    expect(code.querySelector('code')).toHaveTextContent('<@3>');
    const forged = renderBody('<span class="mention" data-mention="3" onclick="x()">hi</span>');
    expect(forged.querySelector('span')).toBeNull();
    expectInert(forged);
  });
});
