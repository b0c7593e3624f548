/** The look every page shares, and the size rules that keep words whole (badges, identifiers). */
import { Badge, createTheme } from '@mantine/core';
import classes from './theme.module.css';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  components: {
    Badge: Badge.extend({ classNames: { root: classes.badge, label: classes.badgeLabel } }),
  },
});

/** The class of an identifier's text: see `Id`. */
export const ID_CLASS = classes.id;
