import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// `npm run gen:icons` renders the PNG icons in public/ from the favicon; they are committed,
// so a build needs no image tooling. Re-run it after changing favicon.svg.
// The maskable and Apple icons get the favicon's own blue behind it: launchers crop them to
// their own shape, and white corners around a blue square would show.
const brand = '#4c6ef5';

export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: brand } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: brand } },
  },
  images: ['public/favicon.svg'],
});
