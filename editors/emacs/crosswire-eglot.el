;;; crosswire-eglot.el --- start the crosswire language server with eglot  -*- lexical-binding: t; -*-

;; The snippet of editors/README.md as a file: load it from your init file, or copy it there.
;; Emacs 29+ has eglot built in; on Emacs 28 install eglot (package.el or Debian's elpa-eglot).

;;; Code:

(require 'eglot)

(add-to-list 'eglot-server-programs
             '((text-mode markdown-mode) . ("crosswire" "lsp")))

(defun crosswire-eglot-ensure ()
  "Start crosswire in plain text and Markdown buffers (not in other text-derived modes)."
  (when (memq major-mode '(text-mode markdown-mode))
    (eglot-ensure)))

(add-hook 'text-mode-hook #'crosswire-eglot-ensure)
(add-hook 'markdown-mode-hook #'crosswire-eglot-ensure)

;; Emacs 29+: a folder holding crosswire.json is a project root even outside version control.
(when (boundp 'project-vc-extra-root-markers)
  (add-to-list 'project-vc-extra-root-markers "crosswire.json"))

(provide 'crosswire-eglot)
;;; crosswire-eglot.el ends here
