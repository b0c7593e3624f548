/** The look every page shares, and the size rules that keep words whole (badges, identifiers) and fields inside a phone. */
import { Badge, createTheme, InputWrapper } from '@mantine/core';
import classes from './theme.module.css';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  components: {
    Badge: Badge.extend({ classNames: { root: classes.badge, label: classes.badgeLabel } }),
    InputWrapper: InputWrapper.extend({ classNames: { root: classes.field } }),
  },
});

/** The class of an identifier's text: see `Id`. */
export const ID_CLASS = classes.id;
