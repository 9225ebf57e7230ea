import { useEffect } from 'react';

/**
 * Publishes the visual viewport's height as --app-vh. On phones the on-screen keyboard
 * shrinks only the visual viewport (not 100dvh), so a layout sized by --app-vh keeps
 * the composer just above the keyboard instead of behind it.
 */
export function useVisualViewportHeight(): void {
  useEffect(() => {
    const viewport = window.visualViewport;
    if (!viewport) return undefined;
    const root = document.documentElement;
    const update = () => root.style.setProperty('--app-vh', `${Math.round(viewport.height)}px`);
    update();
    viewport.addEventListener('resize', update);
    return () => {
      viewport.removeEventListener('resize', update);
      root.style.removeProperty('--app-vh');
    };
  }, []);
}
