/** The questions that tailor the starter control set, each a switch with what a yes adds. */
import { Stack, Switch } from '@mantine/core';
import { STARTER_QUESTIONS, type StarterAnswers } from '@assay/domain/starter/index.js';

export function StarterQuestions({ answers, onChange }: { answers: StarterAnswers; onChange: (answers: StarterAnswers) => void }) {
  return (
    <Stack gap="sm">
      {STARTER_QUESTIONS.map(({ key, question, adds }) => (
        <Switch
          key={key}
          label={question}
          description={adds}
          checked={answers[key]}
          onChange={(event) => onChange({ ...answers, [key]: event.currentTarget.checked })}
        />
      ))}
    </Stack>
  );
}
