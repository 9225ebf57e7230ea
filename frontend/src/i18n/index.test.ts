describe('language catalogues', () => {
  afterEach(() => {
    localStorage.clear();
    vi.resetModules();
  });

  // A fresh i18next (and ./index) per test: the shared one has both catalogues loaded.
  async function freshI18n() {
    vi.resetModules();
    return await import('./index');
  }

  it('loads only the detected language before the app renders', async () => {
    localStorage.setItem('parley.language', 'ko');
    const { default: i18n, i18nReady, currentLanguage } = await freshI18n();
    await i18nReady;
    expect(currentLanguage()).toBe('ko');
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(true);
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
    expect(i18n.t('chat.composer.send')).not.toBe('chat.composer.send');
    expect(document.documentElement.lang).toBe('ko');
  });

  it('falls back to English for a browser language it does not have', async () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR']);
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-FR');
    const { default: i18n, i18nReady, currentLanguage } = await freshI18n();
    await i18nReady;
    expect(currentLanguage()).toBe('en');
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(false);
  });

  it('fetches the other language when the reader switches to it', async () => {
    const { default: i18n, i18nReady, setLanguage } = await freshI18n();
    await i18nReady;
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(false);
    await setLanguage('ko');
    expect(i18n.resolvedLanguage).toBe('ko');
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(true);
    expect(localStorage.getItem('parley.language')).toBe('ko');
  });
});
