import { Button, type ButtonVariant } from '../Button';
import { Dialog } from '../Dialog';
import { SubmitForm, type SubmitFormProps } from './SubmitForm';

/**
 * A form in a modal dialog: it cannot be dismissed while its request runs,
 * and its footer has the submit button (none without `submitLabel`) and the
 * cancel one.
 */
export function DialogForm({
  title,
  role,
  isPending,
  onClose,
  submitLabel,
  submitVariant = 'primary',
  cancelLabel,
  ...form
}: SubmitFormProps & {
  title: string;
  role?: 'dialog' | 'alertdialog';
  isPending: boolean;
  onClose: () => void;
  submitLabel?: string;
  submitVariant?: ButtonVariant;
  cancelLabel: string;
}) {
  return (
    <Dialog
      title={title}
      role={role}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      isDismissable={!isPending}
    >
      <SubmitForm
        {...form}
        actions={
          <>
            {submitLabel && (
              <Button type="submit" variant={submitVariant} isDisabled={isPending}>
                {submitLabel}
              </Button>
            )}
            <Button onPress={onClose} isDisabled={isPending}>
              {cancelLabel}
            </Button>
          </>
        }
      />
    </Dialog>
  );
}
