/** Where an item's page sits: its section of the engagement, a link back to the list, then the item. */
import { Anchor, Breadcrumbs } from '@mantine/core';
import { Link } from 'react-router';
import { sectionPage, type Section } from '../paths.js';

export function SectionTrail(props: { root: string; section: Section; sectionTitle: string; item: string }) {
  return (
    <Breadcrumbs>
      <Anchor component={Link} to={sectionPage(props.root, props.section)}>
        {props.sectionTitle}
      </Anchor>
      <span>{props.item}</span>
    </Breadcrumbs>
  );
}
