;;; eglot-test.el --- the eglot snippet against editors/nvim/test/fake_server.js  -*- lexical-binding: t; -*-

;; emacs --batch -l test/eglot-test.el   (from editors/emacs; needs node and eglot)
;; Prints one line per check and "emacs eglot: N passed, M failed"; exits 1 on failure.

;;; Code:

(require 'cl-lib)
(require 'json)

(defvar cw-passed 0)
(defvar cw-failed 0)
(defvar cw-dir (file-name-directory (or load-file-name buffer-file-name)))

(defun cw-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defmacro cw-test (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (progn ,@body (setq cw-passed (1+ cw-passed)) (cw-out "  ok   %s" ,name))
     (error (setq cw-failed (1+ cw-failed))
            (cw-out "  FAIL %s\n       %s" ,name (error-message-string err)))))

(defun cw-finish ()
  (cw-out "emacs eglot: %d passed, %d failed" cw-passed cw-failed)
  (kill-emacs (if (> cw-failed 0) 1 0)))

(condition-case err
    (let* ((fake (expand-file-name "../../nvim/test/fake_server.js" cw-dir))
           (node (or (getenv "NODE") (executable-find "node")))
           (story (file-name-as-directory (make-temp-file "crosswire-eglot-" t)))
           (article (expand-file-name "a.txt" story)))
      (cw-out "Emacs %s" emacs-version)
      (require 'eglot)
      (cw-out "eglot from %s" (locate-library "eglot"))
      (load (expand-file-name "../crosswire-eglot.el" cw-dir) nil t)
      (with-temp-file (expand-file-name "crosswire.json" story) (insert "{}\n"))
      (with-temp-file article (insert "Sergei Lavrov said.\n"))

      (cw-test "the snippet registers crosswire for text-mode and markdown-mode"
        (let ((entry (cl-find-if (lambda (e) (and (listp (car e)) (memq 'text-mode (car e))
                                                  (memq 'markdown-mode (car e))))
                                 eglot-server-programs)))
          (unless entry (error "no entry in eglot-server-programs"))
          (unless (equal (cdr entry) '("crosswire" "lsp")) (error "command %S" (cdr entry)))))

      ;; Point the same entry at the fake server for the rest of the test.
      (push `((text-mode markdown-mode) . (,node ,fake "lsp")) eglot-server-programs)

      (cw-test "opening a .txt file starts the server through the text-mode hook"
        (find-file article)
        (unless (eq major-mode 'text-mode) (error "major mode %s" major-mode))
        ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
        (run-hooks 'post-command-hook)
        (with-timeout (10 (error "no server within 10 s"))
          (while (not (eglot-current-server)) (accept-process-output nil 0.1))))

      (cw-test "the server answers a hover with the root and the lsp argument"
        (let* ((server (eglot-current-server))
               (hover (jsonrpc-request server :textDocument/hover
                                       (list :textDocument (list :uri (eglot--path-to-uri article))
                                             :position (list :line 0 :character 0))))
               (value (plist-get (plist-get hover :contents) :value))
               (info (json-parse-string value :object-type 'plist :array-type 'list)))
          (unless (equal (plist-get info :argv) '("lsp")) (error "argv %S" (plist-get info :argv)))
          (unless (equal (directory-file-name (eglot--uri-to-path (plist-get info :rootUri)))
                         (directory-file-name story))
            (error "rootUri %s, expected %s" (plist-get info :rootUri) story))
          (unless (member (eglot--path-to-uri article) (plist-get info :opened))
            (error "didOpen not received: %S" (plist-get info :opened)))))

      (cw-test "an org-mode buffer (also text-derived) does not start crosswire"
        (let ((org (expand-file-name "notes.org" story)))
          (with-temp-file org (insert "* notes\n"))
          (find-file org)
          (run-hooks 'post-command-hook)
          (accept-process-output nil 0.3)
          (when (eglot-current-server) (error "a server is managing the org buffer"))))

      (ignore-errors (eglot-shutdown-all))
      (cw-finish))
  (error (setq cw-failed (1+ cw-failed))
         (cw-out "  FAIL (uncaught) %s" (error-message-string err))
         (cw-finish)))
;;; eglot-test.el ends here
